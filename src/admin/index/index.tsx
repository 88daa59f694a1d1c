import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useElderClass } from '@/components/ElderMode'
import '@/staff/staff.scss'

export const ADMIN_ENTRIES = [
  { title: '事项分类与时限', desc: '办理时限、是否网格化事项、责任部门', url: '/admin/categories/index' },
  { title: '部门与人员', desc: '新增人员、岗位、邀请码绑定', url: '/admin/staff/index' },
  { title: '巡查轮值排班', desc: '区级、街镇级轮值领导按周排班', url: '/admin/rota/index' },
  { title: '长效机制', desc: '按分类和区域设定事前、事中、事后责任', url: '/admin/rules/index' },
  { title: '导入组织架构', desc: '区域边界、部门和人员批量导入，先预览后导入', url: '/admin/import/index' },
  { title: '数据健康', desc: '格式不合规、已被系统忽略的记录，可停用或删除', url: '/admin/health/index' },
]

/** 管理后台 menu. */
export default function AdminIndex() {
  const elder = useElderClass()
  return (
    <View className={`lv-page ${elder}`}>
      <Text className='lv-section-title'>基础数据均可随时调整，保存后新派单即按新设置执行。</Text>
      {ADMIN_ENTRIES.map((e) => (
        <View
          key={e.url}
          className='lv-card lv-card--tap lv-between'
          hoverClass='lv-card--tap'
          ariaRole='button'
          ariaLabel={e.title}
          onClick={() => void Taro.navigateTo({ url: e.url })}
        >
          <View>
            <Text className='lv-title'>{e.title}</Text>
            <Text className='lv-muted'>{e.desc}</Text>
          </View>
          <Text className='lv-muted'>›</Text>
        </View>
      ))}
    </View>
  )
}
